package io.trainbus.evaluator.pictures;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Switches AWT to headless mode when the service starts, before any picture is drawn, because the service runs
 * without a display. AWT reads the property once, when it first loads, so later changes have no effect. The local
 * run and the tests also pass {@code -Djava.awt.headless=true}.
 */
@ApplicationScoped
public class HeadlessMode {

    void onStart(@Observes StartupEvent event) {
        System.setProperty("java.awt.headless", "true");
    }
}
