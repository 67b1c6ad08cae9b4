package dev.tessera.cluster;

import org.junit.jupiter.api.Test;

import static dev.tessera.cluster.ChangeVersions.Check.MISSED;
import static dev.tessera.cluster.ChangeVersions.Check.UP_TO_DATE;
import static dev.tessera.cluster.ChangeVersions.Check.WAITING;
import static org.assertj.core.api.Assertions.assertThat;

class ChangeVersionsTest {

    @Test
    void everyVersionHeardIsUpToDate() {
        ChangeVersions v = new ChangeVersions(10);
        v.heard(12);
        v.heard(11);
        assertThat(v.applied()).isEqualTo(12);
        assertThat(v.check(12)).isEqualTo(UP_TO_DATE);
    }

    @Test
    void aNotificationTrailingTheCommitGetsOneCheckOfGrace() {
        ChangeVersions v = new ChangeVersions(10);
        assertThat(v.check(11)).isEqualTo(WAITING);
        v.heard(11);
        assertThat(v.check(11)).isEqualTo(UP_TO_DATE);
    }

    @Test
    void aVersionStillUnheardAtTheNextCheckWasMissed() {
        ChangeVersions v = new ChangeVersions(10);
        v.heard(12); // 11 is lost
        assertThat(v.check(12)).isEqualTo(WAITING);
        assertThat(v.check(12)).isEqualTo(MISSED);
        v.reset(12);
        assertThat(v.check(12)).isEqualTo(UP_TO_DATE);
        v.heard(13);
        assertThat(v.applied()).isEqualTo(13);
    }

    @Test
    void laterVersionsDoNotExcuseAnEarlierGap() {
        ChangeVersions v = new ChangeVersions(10);
        assertThat(v.check(11)).isEqualTo(WAITING);
        v.heard(12);
        v.heard(13);
        assertThat(v.check(13)).isEqualTo(MISSED);
    }

    @Test
    void aCounterThatWentBackIsMissed() {
        ChangeVersions v = new ChangeVersions(10);
        assertThat(v.check(3)).isEqualTo(MISSED);
    }
}
