package net.nym.test.echoservice;

import java.util.Map;
import net.nym.api.PluginContext;
import net.nym.api.home.NodeHome;
import net.nym.api.service.Health;
import net.nym.api.service.NymService;
import net.nym.api.service.ServiceFactory;
import org.pf4j.Extension;

@Extension
public class EchoServiceFactory implements ServiceFactory {

  @Override
  public String kind() {
    return "echo";
  }

  @Override
  public NymService create(PluginContext context, NodeHome home) {
    boolean own = ownLoader();
    return new NymService() {
      private Health health = new Health(Health.Status.STARTING, "", Map.of());

      @Override
      public String kind() {
        return "echo";
      }

      @Override
      public String id() {
        return home.id();
      }

      @Override
      public void start() {
        health =
            Health.up(
                Map.of(
                    "plugin", context.pluginId(),
                    "tcclOnCreate", own,
                    "tcclOnStart", ownLoader()));
      }

      @Override
      public void stop() {
        health = new Health(Health.Status.DOWN, "stopped", Map.of());
      }

      @Override
      public Health health() {
        return health;
      }
    };
  }

  private static boolean ownLoader() {
    return Thread.currentThread().getContextClassLoader()
        == EchoServiceFactory.class.getClassLoader();
  }
}
