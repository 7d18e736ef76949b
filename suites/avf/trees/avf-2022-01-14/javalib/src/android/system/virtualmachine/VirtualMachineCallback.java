// Synthetic file for the avf-check suite, in the 2022-01-14 layout.
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
        DEATH_REASON_INFRASTRUCTURE_ERROR
    })
    @interface DeathReason {}

    /** Negative, so that it never collides with a value of the AIDL enum. */
    int DEATH_REASON_VIRTUALIZATIONSERVICE_DIED = -1;

    /** The VM requested to shut down. */
    int DEATH_REASON_SHUTDOWN = 0;

    /** The VM requested to reboot, possibly as the result of a kernel panic. */
    int DEATH_REASON_REBOOT = 1;

    /** The VM was killed. */
    int DEATH_REASON_KILLED = 2;

    /** The VM died for an unknown reason. */
    int DEATH_REASON_UNKNOWN = 3;

    /** There was an error waiting for the VM. */
    int DEATH_REASON_INFRASTRUCTURE_ERROR = 4;

    /** Called when the VM died. */
    void onDied(VirtualMachine vm, @DeathReason int reason);
}
