// Synthetic file for the avf-check suite, in the early-2025 layout.
use android_system_virtualizationcommon::aidl::android::system::virtualizationcommon::DeathReason::DeathReason;
use std::fs::File;
use std::io::{self, Read};
use std::process::ExitStatus;
use std::time::Duration;

/// The exit status which crosvm returns when it has an error starting a VM.
const CROSVM_START_ERROR_STATUS: i32 = 1;
/// The exit status which crosvm returns when a VM requests a reboot.
const CROSVM_REBOOT_STATUS: i32 = 32;
/// The exit status which crosvm returns when it crashes due to an error.
const CROSVM_CRASH_STATUS: i32 = 33;
/// The exit status which crosvm returns when vcpu is stalled.
const CROSVM_WATCHDOG_REBOOT_STATUS: i32 = 36;

/// Time the payload has to reach the Started state before the VM counts as hung.
static BOOT_HANGUP_TIMEOUT: Lazy<Duration> = Lazy::new(|| {
    if nested_virt::is_nested_virtualization().unwrap_or(false) {
        Duration::from_secs(300)
    } else {
        Duration::from_secs(30)
    }
});

/// Bytes of the failure pipe read at most, so a guest cannot make the host buffer without end.
const MAX_FAILURE_REASON_BYTES: u64 = 50_000;

fn read_failure_reason(failure_pipe: File) -> String {
    let mut failure_reason = String::new();
    if let Err(e) = failure_pipe.take(MAX_FAILURE_REASON_BYTES).read_to_string(&mut failure_reason) {
        error!("Failed to read the failure reason: {e}");
    }
    failure_reason
}

fn death_reason(result: &Result<ExitStatus, io::Error>, mut failure_reason: &str) -> DeathReason {
    if let Some((reason, info)) = failure_reason.split_once('|') {
        error!("Failure info: {info}");
        failure_reason = reason;
    }
    if let Ok(status) = result {
        match failure_reason {
                "PVM_FIRMWARE_PUBLIC_KEY_MISMATCH" => return DeathReason::PVM_FIRMWARE_PUBLIC_KEY_MISMATCH,
                "PVM_FIRMWARE_INSTANCE_IMAGE_CHANGED" => return DeathReason::PVM_FIRMWARE_INSTANCE_IMAGE_CHANGED,
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
            Some(CROSVM_START_ERROR_STATUS) => DeathReason::START_FAILED,
            Some(CROSVM_REBOOT_STATUS) => DeathReason::REBOOT,
            Some(CROSVM_CRASH_STATUS) => DeathReason::CRASH,
            Some(CROSVM_WATCHDOG_REBOOT_STATUS) => DeathReason::WATCHDOG_REBOOT,
            Some(_) => DeathReason::UNKNOWN,
        }
    } else {
        DeathReason::INFRASTRUCTURE_ERROR
    }
}
