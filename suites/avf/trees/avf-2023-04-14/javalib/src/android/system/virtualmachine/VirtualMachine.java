// Synthetic file for the avf-check suite, in the 2023-04-14 layout.
package android.system.virtualmachine;

public class VirtualMachine {
    private static class CallbackTranslator {
        /** Maps an AIDL DeathReason value onto the stable Java constants. */
        static int getTranslatedReason(int reason) {
            return switch (reason) {
                case DeathReason.INFRASTRUCTURE_ERROR -> VirtualMachineCallback.STOP_REASON_INFRASTRUCTURE_ERROR;
                case DeathReason.KILLED -> VirtualMachineCallback.STOP_REASON_KILLED;
                case DeathReason.SHUTDOWN -> VirtualMachineCallback.STOP_REASON_SHUTDOWN;
                case DeathReason.START_FAILED -> VirtualMachineCallback.STOP_REASON_START_FAILED;
                case DeathReason.REBOOT -> VirtualMachineCallback.STOP_REASON_REBOOT;
                case DeathReason.CRASH -> VirtualMachineCallback.STOP_REASON_CRASH;
                case DeathReason.PVM_FIRMWARE_PUBLIC_KEY_MISMATCH -> VirtualMachineCallback.STOP_REASON_PVM_FIRMWARE_PUBLIC_KEY_MISMATCH;
                case DeathReason.PVM_FIRMWARE_INSTANCE_IMAGE_CHANGED -> VirtualMachineCallback.STOP_REASON_PVM_FIRMWARE_INSTANCE_IMAGE_CHANGED;
                case DeathReason.MICRODROID_FAILED_TO_CONNECT_TO_VIRTUALIZATION_SERVICE -> VirtualMachineCallback.STOP_REASON_MICRODROID_FAILED_TO_CONNECT_TO_VIRTUALIZATION_SERVICE;
                case DeathReason.MICRODROID_PAYLOAD_HAS_CHANGED -> VirtualMachineCallback.STOP_REASON_MICRODROID_PAYLOAD_HAS_CHANGED;
                case DeathReason.MICRODROID_PAYLOAD_VERIFICATION_FAILED -> VirtualMachineCallback.STOP_REASON_MICRODROID_PAYLOAD_VERIFICATION_FAILED;
                case DeathReason.MICRODROID_INVALID_PAYLOAD_CONFIG -> VirtualMachineCallback.STOP_REASON_MICRODROID_INVALID_PAYLOAD_CONFIG;
                case DeathReason.MICRODROID_UNKNOWN_RUNTIME_ERROR -> VirtualMachineCallback.STOP_REASON_MICRODROID_UNKNOWN_RUNTIME_ERROR;
                case DeathReason.HANGUP -> VirtualMachineCallback.STOP_REASON_HANGUP;
                default -> VirtualMachineCallback.STOP_REASON_UNKNOWN;
            };
        }
    }
}
