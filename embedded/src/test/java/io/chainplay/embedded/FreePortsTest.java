package io.chainplay.embedded;

import org.junit.jupiter.api.RepeatedTest;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class FreePortsTest {

    // Repeated: the failure it guards against (the OS handing out one port twice) was by chance.
    @RepeatedTest(20)
    void distinctPortsAreDifferentAndFree() {
        int[] ports = FreePorts.distinct(3);
        assertThat(Arrays.stream(ports).distinct().count()).isEqualTo(3);
        for (int port : ports) {
            assertThat(port).isPositive();
            assertThat(FreePorts.isFree(port)).isTrue();
        }
    }
}
