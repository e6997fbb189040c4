/**
 * The mixnode plugin: the {@code nym mixnode} commands ({@code init}, {@code run}, {@code
 * node-details}, {@code describe}, {@code sign}), the node's configuration record ({@link
 * net.nym.plugin.mixnode.MixnodeConfig}) and the {@code mixnode} service ({@link
 * net.nym.plugin.mixnode.MixnodeServiceFactory}, {@link net.nym.plugin.mixnode.MixnodeService}),
 * which runs the shared mixing engine of {@code nym-mixnet} with this node's keys and limits. See
 * {@code docs/mixnode.md}.
 */
package net.nym.plugin.mixnode;
