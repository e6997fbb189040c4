/** Node homes: where each node or client instance keeps its configuration, keys, data and logs. */
package net.nym.api.home;
