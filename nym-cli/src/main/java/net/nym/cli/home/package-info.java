/**
 * The host's node homes: the root directory ({@code --home} &gt; {@code NYM_HOME} &gt; {@code
 * ~/.nym}) and the {@code <root>/<kind>/<id>/} directory of every node or client instance, with the
 * validation of kind and id names that keeps every home inside the root.
 */
package net.nym.cli.home;
