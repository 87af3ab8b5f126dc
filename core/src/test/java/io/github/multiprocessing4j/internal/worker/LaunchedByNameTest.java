package io.github.multiprocessing4j.internal.worker;

import io.github.multiprocessing4j.internal.runtime.AotCache;
import io.github.multiprocessing4j.internal.runtime.JvmLauncher;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The runtime starts the worker's programs by class name (it is the layer below them); the names
 * it writes are the classes' names.
 */
class LaunchedByNameTest {

    @Test
    void theChildJvmsMainClassIsNamedAsWorkerMainIs() {
        assertEquals(WorkerMain.class.getName(), JvmLauncher.MAIN_CLASS);
    }

    @Test
    void theAotTrainingProgramIsNamedAsAotTrainingIs() {
        assertEquals(AotTraining.class.getName(), AotCache.TRAINER);
    }
}
