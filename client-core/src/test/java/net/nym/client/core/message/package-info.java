/** Tests of the NymMessage, repliable/reply and SURB list encodings and the padding. */
package net.nym.client.core.message;
