import Foundation
import IdeogramKit
import Testing
@testable import TerminalUI

/// The paused queue: visible, resumable with `p`, and held jobs still.
@Suite struct QueuePauseTests {
    static let pause = QueuePause(reason: "out of credit (insufficient_funds)")

    @Test func pAsksTheQueueToPauseThenToResume() {
        var state = Fixtures.state()
        #expect(update(&state, .key(.char("p"))) == [.pauseQueue])
        #expect(state.queuePause == nil, "the state follows the queue's word, not the key")
        _ = update(&state, .queuePauseChanged(Self.pause))
        #expect(update(&state, .key(.char("p"))) == [.resumeQueue])
        _ = update(&state, .queuePauseChanged(nil))
        #expect(state.queuePause == nil)
    }

    @Test func pTypesInTextFields() {
        var state = Fixtures.state()
        state.focus = .parameters  // on the prompt: keys type
        #expect(update(&state, .key(.char("p"))).isEmpty)
        #expect(state.parameters.prompt.text == "p")
    }

    @Test func theStatusBarSaysWhyAndWhichKeyResumes() {
        let state = Fixtures.pausedState(size: Size(columns: 80, rows: 24))
        let lines = render(state, size: state.size).lines
        #expect(lines[22].contains("paused: out of credit (insufficient_funds) · p resumes"), "\(lines[22])")
    }

    @Test func heldJobsSayWhyTheyWaitAndNeedNoTicks() throws {
        var state = Fixtures.pausedState(size: Size(columns: 160, rows: 48))
        let text = render(state, size: state.size).lines.joined(separator: "\n")
        #expect(text.contains("queue paused — out of credit (insufficient_funds); p resumes"))
        let held = try #require(state.results.jobs.first { $0.id == "j4" })
        #expect(state.isHeldByPause(held))
        #expect(ResultsPaneView.timeText(held, state: state) == "paused")
        // Only the uploading job moves; once it finishes, nothing does.
        #expect(state.needsTicks)
        _ = update(&state, .jobsChanged(state.results.jobs.filter { $0.state == .queued }))
        #expect(!state.needsTicks)
        _ = update(&state, .queuePauseChanged(nil))
        #expect(state.needsTicks, "resumed, the queued job will move")
    }

    @Test func pIsInTheHelpAndTheFooter() {
        var state = Fixtures.state(size: Size(columns: 160, rows: 48))
        #expect(render(state, size: state.size).lines[47].contains("p pause"))
        _ = update(&state, .queuePauseChanged(Self.pause))
        #expect(render(state, size: state.size).lines[47].contains("p resume"))
        _ = update(&state, .key(.char("?")))
        #expect(render(state, size: state.size).lines.contains { $0.contains("Pause or resume the queue") })
    }
}
