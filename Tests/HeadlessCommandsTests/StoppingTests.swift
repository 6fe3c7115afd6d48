import Foundation
import Testing
@testable import HeadlessCommands

/// How signals escalate, and what the run says when one comes.
@Suite struct StoppingTests {
    @Test func ctrlCFinishesWhatWasSentThenAgainStopsThenEndsTheProcess() {
        var ladder = StopLadder()
        #expect(ladder.request(for: SIGINT) == .finishSent)
        #expect(ladder.request(for: SIGINT) == .stopNow)
        #expect(ladder.request(for: SIGINT) == nil, "a third signal ends the process at once")
    }

    @Test func sigtermStopsAtOnceWhenFirstOrAfterCtrlC() {
        var first = StopLadder()
        #expect(first.request(for: SIGTERM) == .stopNow)
        #expect(first.request(for: SIGINT) == nil)
        var second = StopLadder()
        #expect(second.request(for: SIGINT) == .finishSent)
        #expect(second.request(for: SIGTERM) == .stopNow)
        #expect(second.request(for: SIGTERM) == nil)
    }

    @Test func theFirstCtrlCSaysWhatItWaitsFor() {
        let signal = CaughtSignal(number: SIGINT, request: .finishSent)
        #expect(UpscaleRun.stopNote(signal, sentInFlight: 2)
            == "stopping on SIGINT: nothing new is sent; waiting for 2 answers already paid for; Ctrl-C again abandons them")
        #expect(UpscaleRun.stopNote(signal, sentInFlight: 1)
            == "stopping on SIGINT: nothing new is sent; waiting for 1 answer already paid for; Ctrl-C again abandons it")
        #expect(UpscaleRun.stopNote(signal, sentInFlight: 0) == "stopping on SIGINT: nothing new is sent")
    }

    @Test func stoppingNowSaysWhatIsAbandoned() {
        let again = CaughtSignal(number: SIGINT, request: .stopNow)
        #expect(UpscaleRun.stopNote(again, sentInFlight: 2)
            == "stopping on SIGINT: abandoning 2 requests in flight, outcome unknown (may have been billed); again to quit at once")
        #expect(UpscaleRun.stopNote(CaughtSignal(number: SIGTERM, request: .stopNow), sentInFlight: 0) == "stopping on SIGTERM")
    }
}
