package net.nym.plugin.validator;

import java.io.IOException;
import net.nym.api.PluginContext;
import net.nym.api.config.ConfigComment;
import net.nym.api.config.ConfigSchema;
import net.nym.api.home.NodeHome;
import net.nym.api.keys.KeyStoreException;
import net.nym.crypto.keys.Ed25519KeyPair;

/**
 * Account homes: {@code <root>/account/<name>/} with {@code data/private_account.pem} (the
 * Ed25519 key whose public half, base58, is the account address) and a small config.
 */
final class Accounts {
  static final String KIND = "account";
  static final String KEY = "account";

  /**
   * An account home's config.
   *
   * @param name the account name
   */
  @ConfigComment("An account of the nym ledger, written by `nym account create`.")
  record AccountConfig(@ConfigComment("The account name.") String name) {}

  static final ConfigSchema<AccountConfig> SCHEMA = ConfigSchema.of(AccountConfig.class, 1);

  private Accounts() {}

  static NodeHome home(PluginContext context, String name) {
    return context.homes().home(KIND, name);
  }

  static Ed25519KeyPair create(PluginContext context, String name, boolean force)
      throws IOException, KeyStoreException, net.nym.api.config.ConfigException {
    NodeHome home = home(context, name);
    if (home.exists() && !force) {
      throw new IllegalStateException("account '" + name + "' already exists in " + home.dir()
          + "; pass --force to replace its key");
    }
    home.createDirectories();
    Ed25519KeyPair key = context.keys().createEd25519(home, KEY, force);
    context.configs().write(home.configFile(), new AccountConfig(name), SCHEMA, force);
    return key;
  }

  static Ed25519KeyPair load(PluginContext context, String name) throws KeyStoreException {
    NodeHome home = home(context, name);
    if (!home.exists()) {
      throw new IllegalArgumentException("account '" + name + "' does not exist (no "
          + home.configFile() + "); run `nym account create --id " + name + "` first");
    }
    return context.keys().loadEd25519(home, KEY);
  }
}
