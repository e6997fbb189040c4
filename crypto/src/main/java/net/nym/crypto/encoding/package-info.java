/** Text encodings used by Nym for keys and addresses (Bitcoin-alphabet base58). */
package net.nym.crypto.encoding;
