// Synthetic file for the avf-check suite, in the 2022-01-14 layout.
use android_system_virtualizationservice::aidl::android::system::virtualizationservice::DeathReason::DeathReason;
use std::io;
use std::process::ExitStatus;

/// The exit status which crosvm returns when a VM requests a reboot.
const CROSVM_REBOOT_STATUS: i32 = 32;

fn death_reason(result: &Result<ExitStatus, io::Error>) -> DeathReason {
    if let Ok(status) = result {
        match status.code() {
            None => DeathReason::KILLED,
            Some(0) => DeathReason::SHUTDOWN,
            Some(CROSVM_REBOOT_STATUS) => DeathReason::REBOOT,
            Some(_) => DeathReason::UNKNOWN,
        }
    } else {
        DeathReason::INFRASTRUCTURE_ERROR
    }
}
