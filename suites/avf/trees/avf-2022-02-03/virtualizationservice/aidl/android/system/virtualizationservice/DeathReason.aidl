// Synthetic file for the avf-check suite, in the 2022-02-03 layout.
package android.system.virtualizationservice;

/** The reason why a VM died. */
@Backing(type="int")
enum DeathReason {
    /** There was an error waiting for the VM. */
    INFRASTRUCTURE_ERROR = 0,
    /** The VM was killed. */
    KILLED = 1,
    /** The VM died for an unknown reason. */
    UNKNOWN = 2,
    /** The VM requested to shut down. */
    SHUTDOWN = 3,
    /** crosvm had an error starting the VM. */
    ERROR = 4,
    /** The VM requested to reboot, possibly as the result of a kernel panic. */
    REBOOT = 5,
    /** The VM or crosvm crashed. */
    CRASH = 6,
}
