package org.btcnode.daemon;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * SIGHUP as Core uses it ({@code init.cpp} {@code HandleSIGHUP}: reopen debug.log, for logrotate).
 * The JVM offers no public signal API; this uses {@code sun.misc.Signal} from the
 * {@code jdk.unsupported} module (present in every JDK 17+ image built with the default modules),
 * reached by reflection so that a runtime without it still starts, and the compiler has no
 * internal-API warning to give. Installed once, on the main thread; the JVM runs the handler on a
 * short-lived thread of its own ("SIGHUP handler").
 */
final class HangupSignal {
    /** What installing the handler came to. */
    enum Outcome {
        /** Our handler runs on SIGHUP (it replaces the JVM's default, which is to shut down). */
        INSTALLED,
        /**
         * SIGHUP was ignored when the JVM started (as under {@code nohup}); the JVM then keeps it
         * ignored and never calls a handler.
         */
        IGNORED_BY_PARENT,
        /** This runtime has no {@code sun.misc.Signal} or refuses SIGHUP (e.g. {@code -Xrs}, Windows). */
        UNSUPPORTED
    }

    private HangupSignal() {
    }

    static Outcome install(Runnable onHangup) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object hup = signalClass.getConstructor(String.class).newInstance("HUP");
            Object handler = Proxy.newProxyInstance(HangupSignal.class.getClassLoader(),
                    new Class<?>[] {handlerClass}, new Handler(onHangup));
            Object previous = signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, hup, handler);
            // Signal.handle returns SIG_IGN, without installing anything, when SIGHUP was ignored at start
            Object ignored = handlerClass.getField("SIG_IGN").get(null);
            return previous == ignored ? Outcome.IGNORED_BY_PARENT : Outcome.INSTALLED;
        } catch (InvocationTargetException e) {
            // IllegalArgumentException: unknown signal on this OS, or reserved by the VM (-Xrs)
            return Outcome.UNSUPPORTED;
        } catch (ReflectiveOperationException | LinkageError | SecurityException e) {
            return Outcome.UNSUPPORTED;
        }
    }

    /** The {@code SignalHandler} proxy: {@code handle(Signal)} runs the action; Object's methods answer plainly. */
    private static final class Handler implements InvocationHandler {
        private final Runnable action;

        Handler(Runnable action) {
            this.action = action;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) {
            return switch (method.getName()) {
                case "handle" -> {
                    action.run();
                    yield null;
                }
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                case "toString" -> "btcnode SIGHUP handler";
                default -> throw new UnsupportedOperationException(method.getName());
            };
        }
    }
}
