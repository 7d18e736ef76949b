// Synthetic file for the avf-check suite, in the 2022-10-11 layout.
use android_system_virtualizationservice::aidl::android::system::virtualizationservice::DeathReason::DeathReason;
use std::io;
use std::process::ExitStatus;
use std::time::Duration;

/// The exit status which crosvm returns when a VM requests a reboot.
const CROSVM_REBOOT_STATUS: i32 = 32;
/// The exit status which crosvm returns when it has an error starting a VM.
const CROSVM_ERROR_STATUS: i32 = 1;
/// The exit status which crosvm returns when it crashes due to an error.
const CROSVM_CRASH_STATUS: i32 = 33;
/// The exit status which crosvm returns when vcpu is stalled.
const CROSVM_WATCHDOG_REBOOT_STATUS: i32 = 36;

/// Seconds the payload has to reach the Started state before the VM counts as hung.
const BOOT_HANGUP_TIMEOUT: Duration = Duration::from_secs(10);
/// Seconds for the same under nested virtualization, which boots far slower.
const BOOT_HANGUP_TIMEOUT_NESTED: Duration = Duration::from_secs(100);

fn death_reason(result: &Result<ExitStatus, io::Error>, failure_reason: &str) -> DeathReason {
    let Ok(status) = result else {
        return DeathReason::INFRASTRUCTURE_ERROR;
    };
    match failure_reason {
            "PVM_FIRMWARE_PUBLIC_KEY_MISMATCH" => return DeathReason::PVM_FIRMWARE_PUBLIC_KEY_MISMATCH,
            "PVM_FIRMWARE_INSTANCE_IMAGE_CHANGED" => return DeathReason::PVM_FIRMWARE_INSTANCE_IMAGE_CHANGED,
            "BOOTLOADER_PUBLIC_KEY_MISMATCH" => return DeathReason::BOOTLOADER_PUBLIC_KEY_MISMATCH,
            "BOOTLOADER_INSTANCE_IMAGE_CHANGED" => return DeathReason::BOOTLOADER_INSTANCE_IMAGE_CHANGED,
            "MICRODROID_FAILED_TO_CONNECT_TO_VIRTUALIZATION_SERVICE" => return DeathReason::MICRODROID_FAILED_TO_CONNECT_TO_VIRTUALIZATION_SERVICE,
            "MICRODROID_PAYLOAD_HAS_CHANGED" => return DeathReason::MICRODROID_PAYLOAD_HAS_CHANGED,
            "MICRODROID_PAYLOAD_VERIFICATION_FAILED" => return DeathReason::MICRODROID_PAYLOAD_VERIFICATION_FAILED,
            "MICRODROID_INVALID_PAYLOAD_CONFIG" => return DeathReason::MICRODROID_INVALID_PAYLOAD_CONFIG,
            "MICRODROID_UNKNOWN_RUNTIME_ERROR" => return DeathReason::MICRODROID_UNKNOWN_RUNTIME_ERROR,
            "HANGUP" => return DeathReason::HANGUP,
        _ => {}
    }
    match status.code() {
        None => DeathReason::KILLED,
        Some(0) => DeathReason::SHUTDOWN,
        Some(CROSVM_ERROR_STATUS) => DeathReason::ERROR,
        Some(CROSVM_REBOOT_STATUS) => DeathReason::REBOOT,
        Some(CROSVM_CRASH_STATUS) => DeathReason::CRASH,
        Some(CROSVM_WATCHDOG_REBOOT_STATUS) => DeathReason::WATCHDOG_REBOOT,
        Some(_) => DeathReason::UNKNOWN,
    }
}
