// Synthetic file for the avf-check suite, in the 2022-01-14 layout.
package android.system.virtualizationservice;

/** The reason why a VM died. */
@Backing(type="int")
enum DeathReason {
    /** The VM requested to shut down. */
    SHUTDOWN = 0,
    /** The VM requested to reboot, possibly as the result of a kernel panic. */
    REBOOT = 1,
    /** The VM was killed. */
    KILLED = 2,
    /** The VM died for an unknown reason. */
    UNKNOWN = 3,
    /** There was an error waiting for the VM. */
    INFRASTRUCTURE_ERROR = 4,
}
