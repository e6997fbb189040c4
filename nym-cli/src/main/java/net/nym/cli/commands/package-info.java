/**
 * The built-in commands that administer the host itself ({@code nym plugins list|info}) and the
 * output conventions of data commands ({@code -o text|json}, JSON through Jackson).
 */
package net.nym.cli.commands;
