/** Tests of fragment headers, splitting into (linked) sets and reassembly. */
package net.nym.client.core.chunking;
