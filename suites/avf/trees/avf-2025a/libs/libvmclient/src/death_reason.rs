// Synthetic file for the avf-check suite, in the early-2025 layout.
use android_system_virtualizationcommon::aidl::android::system::virtualizationcommon::DeathReason::DeathReason as AidlDeathReason;

/// The reason a VM ended, as the client library reports it.
#[derive(Copy, Clone, Debug, Eq, PartialEq)]
pub enum DeathReason {
    /// The service that ran the VM died.
    VirtualizationServiceDied,
    InfrastructureError,
    Killed,
    Unknown,
    Shutdown,
    StartFailed,
    Reboot,
    Crash,
    PvmFirmwarePublicKeyMismatch,
    PvmFirmwareInstanceImageChanged,
    MicrodroidFailedToConnectToVirtualizationService,
    MicrodroidPayloadHasChanged,
    MicrodroidPayloadVerificationFailed,
    MicrodroidInvalidPayloadConfig,
    MicrodroidUnknownRuntimeError,
    Hangup,
    /// A value this library has no variant for.
    Unrecognised(AidlDeathReason),
}

impl From<AidlDeathReason> for DeathReason {
    fn from(reason: AidlDeathReason) -> Self {
        match reason {
            AidlDeathReason::INFRASTRUCTURE_ERROR => Self::InfrastructureError,
            AidlDeathReason::KILLED => Self::Killed,
            AidlDeathReason::UNKNOWN => Self::Unknown,
            AidlDeathReason::SHUTDOWN => Self::Shutdown,
            AidlDeathReason::START_FAILED => Self::StartFailed,
            AidlDeathReason::REBOOT => Self::Reboot,
            AidlDeathReason::CRASH => Self::Crash,
            AidlDeathReason::PVM_FIRMWARE_PUBLIC_KEY_MISMATCH => Self::PvmFirmwarePublicKeyMismatch,
            AidlDeathReason::PVM_FIRMWARE_INSTANCE_IMAGE_CHANGED => Self::PvmFirmwareInstanceImageChanged,
            AidlDeathReason::MICRODROID_FAILED_TO_CONNECT_TO_VIRTUALIZATION_SERVICE => Self::MicrodroidFailedToConnectToVirtualizationService,
            AidlDeathReason::MICRODROID_PAYLOAD_HAS_CHANGED => Self::MicrodroidPayloadHasChanged,
            AidlDeathReason::MICRODROID_PAYLOAD_VERIFICATION_FAILED => Self::MicrodroidPayloadVerificationFailed,
            AidlDeathReason::MICRODROID_INVALID_PAYLOAD_CONFIG => Self::MicrodroidInvalidPayloadConfig,
            AidlDeathReason::MICRODROID_UNKNOWN_RUNTIME_ERROR => Self::MicrodroidUnknownRuntimeError,
            AidlDeathReason::HANGUP => Self::Hangup,
            _ => Self::Unrecognised(reason),
        }
    }
}
