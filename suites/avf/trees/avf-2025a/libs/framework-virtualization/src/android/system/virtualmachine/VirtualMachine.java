// Synthetic file for the avf-check suite, in the early-2025 layout.
package android.system.virtualmachine;

public class VirtualMachine {
    /** Maps an AIDL DeathReason value onto the stable Java constants. */
    static int getTranslatedReason(int reason) {
        switch (reason) {
            case DeathReason.INFRASTRUCTURE_ERROR:
                return VirtualMachineCallback.STOP_REASON_INFRASTRUCTURE_ERROR;
            case DeathReason.KILLED:
                return VirtualMachineCallback.STOP_REASON_KILLED;
            case DeathReason.SHUTDOWN:
                return VirtualMachineCallback.STOP_REASON_SHUTDOWN;
            case DeathReason.START_FAILED:
                return VirtualMachineCallback.STOP_REASON_START_FAILED;
            case DeathReason.REBOOT:
                return VirtualMachineCallback.STOP_REASON_REBOOT;
            case DeathReason.CRASH:
                return VirtualMachineCallback.STOP_REASON_CRASH;
            case DeathReason.PVM_FIRMWARE_PUBLIC_KEY_MISMATCH:
                return VirtualMachineCallback.STOP_REASON_PVM_FIRMWARE_PUBLIC_KEY_MISMATCH;
            case DeathReason.PVM_FIRMWARE_INSTANCE_IMAGE_CHANGED:
                return VirtualMachineCallback.STOP_REASON_PVM_FIRMWARE_INSTANCE_IMAGE_CHANGED;
            case DeathReason.MICRODROID_FAILED_TO_CONNECT_TO_VIRTUALIZATION_SERVICE:
                return VirtualMachineCallback.STOP_REASON_MICRODROID_FAILED_TO_CONNECT_TO_VIRTUALIZATION_SERVICE;
            case DeathReason.MICRODROID_PAYLOAD_HAS_CHANGED:
                return VirtualMachineCallback.STOP_REASON_MICRODROID_PAYLOAD_HAS_CHANGED;
            case DeathReason.MICRODROID_PAYLOAD_VERIFICATION_FAILED:
                return VirtualMachineCallback.STOP_REASON_MICRODROID_PAYLOAD_VERIFICATION_FAILED;
            case DeathReason.MICRODROID_INVALID_PAYLOAD_CONFIG:
                return VirtualMachineCallback.STOP_REASON_MICRODROID_INVALID_PAYLOAD_CONFIG;
            case DeathReason.MICRODROID_UNKNOWN_RUNTIME_ERROR:
                return VirtualMachineCallback.STOP_REASON_MICRODROID_UNKNOWN_RUNTIME_ERROR;
            case DeathReason.HANGUP:
                return VirtualMachineCallback.STOP_REASON_HANGUP;
            default:
                return VirtualMachineCallback.STOP_REASON_UNKNOWN;
        }
    }
}
