/**
 * The client core: what every Nym client (the native client, the SOCKS5 client, service
 * providers) shares. The subpackages hold Nym's client message format ({@code message}), its
 * fragmentation and reassembly ({@code chunking}) and the per-packet Sphinx payloads, SURB-acks and
 * cover packets ({@code packet}). All of it is pure: no I/O, no threads.
 */
package net.nym.client.core;
