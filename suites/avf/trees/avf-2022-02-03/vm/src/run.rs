// Synthetic file for the avf-check suite, in the 2022-02-03 layout.
use android_system_virtualizationservice::aidl::android::system::virtualizationservice::DeathReason::DeathReason;

struct VirtualMachineCallback;

impl IVirtualMachineCallback for VirtualMachineCallback {
    fn onDied(&self, _cid: i32, reason: DeathReason) -> BinderResult<()> {
        match reason {
            DeathReason::SHUTDOWN => println!("VM shutdown cleanly."),
            DeathReason::REBOOT => println!("VM tried to reboot, possibly due to a kernel panic."),
            DeathReason::KILLED => println!("VM was killed."),
            DeathReason::UNKNOWN => println!("VM died for an unknown reason."),
            DeathReason::INFRASTRUCTURE_ERROR => println!("Error waiting for VM to finish."),
            DeathReason::ERROR => println!("Error starting VM."),
            DeathReason::CRASH => println!("VM crashed."),
            _ => println!("VM died for an unrecognised reason."),
        }
        Ok(())
    }
}

fn watch_service(service: &SpIBinder) -> DeathRecipient {
    let mut recipient = DeathRecipient::new(|| {
        eprintln!("VirtualizationService unexpectedly died");
    });
    service.link_to_death(&mut recipient);
    recipient
}
