// Synthetic file for the avf-check suite, in the 2022-02-03 layout.
use android_system_virtualizationservice::aidl::android::system::virtualizationservice::DeathReason::DeathReason;
use std::io;
use std::process::ExitStatus;

/// The exit status which crosvm returns when a VM requests a reboot.
const CROSVM_REBOOT_STATUS: i32 = 32;
/// The exit status which crosvm returns when it has an error starting a VM.
const CROSVM_ERROR_STATUS: i32 = 1;
/// The exit status which crosvm returns when it crashes due to an error.
const CROSVM_CRASH_STATUS: i32 = 33;

fn death_reason(result: &Result<ExitStatus, io::Error>) -> DeathReason {
    match result {
        Ok(status) => match status.code() {
            None => DeathReason::KILLED,
            Some(0) => DeathReason::SHUTDOWN,
            Some(CROSVM_ERROR_STATUS) => DeathReason::ERROR,
            Some(CROSVM_REBOOT_STATUS) => DeathReason::REBOOT,
            Some(CROSVM_CRASH_STATUS) => DeathReason::CRASH,
            Some(_) => DeathReason::UNKNOWN,
        },
        Err(_) => DeathReason::INFRASTRUCTURE_ERROR,
    }
}
