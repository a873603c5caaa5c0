package org.nd4j.nativeblas;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Compatibility bridge that lets Deeplearning4j 1.0.0-M2.1 find out whether ND4J's native library contains oneDNN.
 *
 * <p>Deeplearning4j's oneDNN layer helpers (convolution, pooling, batch normalization) ask
 * {@code org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper.mklDnnEnabled()}, which looks up this class name and
 * calls {@code getInstance().isUseMKLDNN()} by reflection. ND4J 1.0.0-M2.1 moved the class to
 * {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment} and renamed the method to
 * {@code isUseONEDNN()}, so without this class the check always fails and every helper stays off. This class
 * reads the real environment and returns true only for a native build that contains oneDNN ({@code HAVE_ONEDNN} in
 * ND4J's build information), because the plain build's environment also returns true. On the plain build the
 * layers therefore keep their own implementation.
 */
public final class Nd4jCpu {

    private Nd4jCpu() {
    }

    /** The part of ND4J's native environment that Deeplearning4j's helper check reads. */
    public static final class Environment {

        private static final Environment INSTANCE = new Environment();
        private static final String ONEDNN_BUILD_FLAG = "HAVE_ONEDNN";

        private Environment() {
        }

        /**
         * Returns the one instance, as the native environment does.
         *
         * @return the shared instance
         */
        public static Environment getInstance() {
            return INSTANCE;
        }

        /**
         * Returns whether ND4J's loaded native library uses oneDNN.
         *
         * @return true on the {@code -onednn} builds of nd4j-native with oneDNN switched on
         */
        public boolean isUseMKLDNN() {
            return Nd4j.getBackend().buildInfo().contains(ONEDNN_BUILD_FLAG)
                    && org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN();
        }
    }
}
