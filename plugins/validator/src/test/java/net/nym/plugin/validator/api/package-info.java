/** Tests of the topology views against Nym's JSON shapes, and of the API router. */
package net.nym.plugin.validator.api;
