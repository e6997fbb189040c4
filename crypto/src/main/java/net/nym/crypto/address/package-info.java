/**
 * Addresses that appear inside Nym packets: a mix node's routing address ({@link
 * net.nym.crypto.address.NodeAddress}, {@code ip_version || port || ip octets}, zero-padded inside
 * Sphinx headers) and a client's {@link net.nym.crypto.address.Recipient} ({@code
 * identity.encryption@gateway} in base58). Parsing failures raise the checked {@link
 * net.nym.crypto.address.AddressFormatException} with a message that names what is wrong.
 */
package net.nym.crypto.address;
