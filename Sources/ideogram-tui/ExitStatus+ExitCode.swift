import ArgumentParser
import HeadlessCommands

extension ExitStatus {
    /// How a command ends with this status: swift-argument-parser exits with the code.
    var exitCode: ExitCode { ExitCode(rawValue) }
}
