import Foundation
import TerminalUI

/// The loop: input and effect results in as actions, `update`, effects out, `render`, draw.
/// The executable builds an `AppState`, a terminal and a `JobControl`, then calls `run()`;
/// tests do the same with an `InMemoryTerminal`.
public struct AppLoop: Sendable {
    public var state: AppState
    public var terminal: any AppTerminal
    public var jobs: any JobControl
    public var previews: any PreviewProvider
    public var fileSystem = FileSystemEffects()
    public var opener = ExternalOpener()
    /// How often time passes on screen while jobs run.
    public var tickInterval: Duration = .milliseconds(100)

    public init(state: AppState, terminal: any AppTerminal, jobs: any JobControl, previews: any PreviewProvider = NoPreviews()) {
        self.state = state
        self.terminal = terminal
        self.jobs = jobs
        self.previews = previews
    }

    private enum Event: Sendable {
        case actions([Action])
        case terminate
    }

    /// Runs until the user quits or the terminal ends it; the terminal is restored either way.
    /// Returns the last state (the wiring may save parameters from it).
    @discardableResult
    public func run() async throws(TerminalStartError) -> AppState {
        let inbox = EventInbox<Event>()
        var state = self.state
        state.size = try await terminal.start { input in
            switch input {
            case .actions(let actions): inbox.post(.actions(actions))
            case .terminate: inbox.post(.terminate)
            }
        }
        previews.useTerminalColors(await terminal.paletteSize)

        let jobsTask = Task { [jobs] in
            for await view in jobs.updates() { inbox.post(.actions(view.actions)) }
        }
        let lanes = PreviewLanes(provider: previews) { inbox.post(.actions([$0])) }
        let queueCalls = SerialLane()
        let performer = EffectPerformer(terminal: terminal, jobs: jobs, previews: previews, lanes: lanes,
                                        fileSystem: fileSystem, opener: opener, queueCalls: queueCalls) { inbox.post(.actions($0)) }
        var ticker: Task<Void, Never>?

        // The first size may differ from the state's: the previews' boxes follow the real one.
        var pending = [Action.resize(state.size)]
        for effect in state.initialEffects { pending += await performer.perform(effect) }
        _ = await apply(pending, to: &state, performer)
        await terminal.draw(render(state, size: state.size), images: imagePlacements(state, size: state.size))

        // Everything waiting is applied before one draw: a burst costs one frame, not one each.
        loop: while true {
            for event in await inbox.next() {
                guard case .actions(let actions) = event else { break loop }
                if await apply(actions, to: &state, performer) { break loop }
            }
            let wasTicking = ticker != nil
            ticker = adjust(ticker, needed: state.needsTicks) { inbox.post(.actions([$0])) }
            // Time stood still while nothing moved: the first frame of a countdown or an elapsed
            // time must not be drawn from the last tick's time.
            if ticker != nil && !wasTicking { _ = await apply([.tick(Date())], to: &state, performer) }
            await terminal.draw(render(state, size: state.size), images: imagePlacements(state, size: state.size))
        }
        ticker?.cancel()
        lanes.stop()
        queueCalls.stop()
        jobsTask.cancel()
        await terminal.stop()
        return state
    }

    /// Applies actions in order, and the actions their effects bring at once. True once quit.
    private func apply(_ actions: [Action], to state: inout AppState, _ performer: EffectPerformer) async -> Bool {
        var actions = actions
        var index = 0
        while index < actions.count {
            for effect in update(&state, actions[index]) { actions += await performer.perform(effect) }
            index += 1
        }
        return state.hasQuit
    }

    /// Ticks only while jobs run, so an idle UI uses no CPU. The loop reads the clock; the core
    /// is given the time.
    private func adjust(_ ticker: Task<Void, Never>?, needed: Bool, deliver: @escaping @Sendable (Action) -> Void) -> Task<Void, Never>? {
        if needed {
            return ticker ?? Task { [tickInterval] in
                // A cancelled sleep ends the ticker without one more tick.
                while (try? await Task.sleep(for: tickInterval)) != nil {
                    deliver(.tick(Date()))
                }
            }
        }
        ticker?.cancel()
        return nil
    }
}
