/** Tests of topology parsing and route selection. */
package net.nym.client.core.topology;
