// Synthetic file for the avf-check suite, in the early-2025 layout.
use vmclient::VmInstance;

fn wait_and_report(vm: &VmInstance) {
    let death_reason = vm.wait_for_death();
    println!("VM ended: {:?}", death_reason);
}
