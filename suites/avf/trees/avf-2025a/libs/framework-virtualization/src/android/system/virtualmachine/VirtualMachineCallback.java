// Synthetic file for the avf-check suite, in the early-2025 layout.
package android.system.virtualmachine;

/**
 * Receives the lifecycle events of a virtual machine.
 *
 */
@SystemApi
public interface VirtualMachineCallback {
    /** The virtualization service itself died, taking the VM with it. */
    int STOP_REASON_VIRTUALIZATION_SERVICE_DIED = -1;

    /** There was an error waiting for the VM. */
    int STOP_REASON_INFRASTRUCTURE_ERROR = 0;

    /** The VM was killed. */
    int STOP_REASON_KILLED = 1;

    /** The VM died for an unknown reason. */
    int STOP_REASON_UNKNOWN = 2;

    /** The VM requested to shut down. */
    int STOP_REASON_SHUTDOWN = 3;

    /** crosvm had an error starting the VM. */
    int STOP_REASON_START_FAILED = 4;

    /** The VM requested to reboot, possibly as the result of a kernel panic. */
    int STOP_REASON_REBOOT = 5;

    /** The VM or crosvm crashed. */
    int STOP_REASON_CRASH = 6;

    /** The pVM firmware failed to verify the VM because the public key doesn't match. */
    int STOP_REASON_PVM_FIRMWARE_PUBLIC_KEY_MISMATCH = 7;

    /** The pVM firmware failed to verify the VM because the instance image changed. */
    int STOP_REASON_PVM_FIRMWARE_INSTANCE_IMAGE_CHANGED = 8;

    /** The bootloader failed to verify the VM because the public key doesn't match. */
    int STOP_REASON_BOOTLOADER_PUBLIC_KEY_MISMATCH = 9;

    /** The bootloader failed to verify the VM because the instance image changed. */
    int STOP_REASON_BOOTLOADER_INSTANCE_IMAGE_CHANGED = 10;

    /** The microdroid failed to connect to VirtualizationService's RPC server. */
    int STOP_REASON_MICRODROID_FAILED_TO_CONNECT_TO_VIRTUALIZATION_SERVICE = 11;

    /** The payload for microdroid is changed. */
    int STOP_REASON_MICRODROID_PAYLOAD_HAS_CHANGED = 12;

    /** The microdroid failed to verify given payload APK. */
    int STOP_REASON_MICRODROID_PAYLOAD_VERIFICATION_FAILED = 13;

    /** The VM config for microdroid is invalid (e.g. missing tasks). */
    int STOP_REASON_MICRODROID_INVALID_PAYLOAD_CONFIG = 14;

    /** There was a runtime error while running microdroid manager. */
    int STOP_REASON_MICRODROID_UNKNOWN_RUNTIME_ERROR = 15;

    /** The VM killed due to hangup */
    int STOP_REASON_HANGUP = 16;

    /** Called when the VM has ended, with one of the constants above. */
    void onStopped(VirtualMachine vm, int reason);
}
