// Synthetic file for the avf-check suite, in the 2022-02-03 layout.
package android.system.virtualmachine;

import android.annotation.IntDef;

/** @hide */
public interface VirtualMachineCallback {
    /** @hide */
    @IntDef({
        DEATH_REASON_VIRTUALIZATIONSERVICE_DIED,
        DEATH_REASON_SHUTDOWN,
        DEATH_REASON_REBOOT,
        DEATH_REASON_KILLED,
        DEATH_REASON_UNKNOWN,
        DEATH_REASON_INFRASTRUCTURE_ERROR,
        DEATH_REASON_ERROR,
        DEATH_REASON_CRASH
    })
    @interface DeathReason {}

    /** Negative, so that it never collides with a value of the AIDL enum. */
    int DEATH_REASON_VIRTUALIZATIONSERVICE_DIED = -1;

    /** There was an error waiting for the VM. */
    int DEATH_REASON_INFRASTRUCTURE_ERROR = 0;

    /** The VM was killed. */
    int DEATH_REASON_KILLED = 1;

    /** The VM died for an unknown reason. */
    int DEATH_REASON_UNKNOWN = 2;

    /** The VM requested to shut down. */
    int DEATH_REASON_SHUTDOWN = 3;

    /** crosvm had an error starting the VM. */
    int DEATH_REASON_ERROR = 4;

    /** The VM requested to reboot, possibly as the result of a kernel panic. */
    int DEATH_REASON_REBOOT = 5;

    /** The VM or crosvm crashed. */
    int DEATH_REASON_CRASH = 6;

    /** Called when the VM died. */
    void onDied(VirtualMachine vm, @DeathReason int reason);
}
