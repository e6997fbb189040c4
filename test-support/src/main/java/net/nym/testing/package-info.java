/**
 * What the plugins' tests share: {@link net.nym.testing.NymTestHost}, a real {@code nym} host with
 * the plugin jars under test, and {@link net.nym.testing.ApiTestClient}, a local application on the
 * native client's websocket API.
 */
package net.nym.testing;
