import Foundation
import TerminalUI

/// What the app needs from the job queue. The wiring layer implements it over UpscaleQueue.
public protocol JobControl: Sendable {
    /// Queue these upscales. Throw to show the error in the status bar.
    func submit(_ submissions: [JobSubmission]) async throws
    func cancel(_ id: JobRowID) async throws
    func retry(_ id: JobRowID) async throws
    func resubmit(_ id: JobRowID) async throws
    /// Every job as a `JobRow`, once now and again after each queue event.
    func jobUpdates() -> AsyncStream<[JobRow]>
}

/// The loop: input and effect results in as actions, `update`, effects out, `render`, draw.
/// The executable builds an `AppState` and a `JobControl`, then calls `run()`.
public struct AppRunner: Sendable {
    public var state: AppState
    public var jobs: any JobControl
    public var previews: any PreviewProvider
    public var terminalOptions: CursesTerminal.Options
    public var fileSystem = FileSystemEffects()
    public var opener = ExternalOpener()

    public init(state: AppState, jobs: any JobControl, previews: any PreviewProvider = NoPreviews(),
                terminalOptions: CursesTerminal.Options) {
        self.state = state
        self.jobs = jobs
        self.previews = previews
        self.terminalOptions = terminalOptions
    }

    private enum Event: Sendable {
        case action(Action)
        case input(InputWatcher.Event)
    }

    /// Runs until the user quits or a signal ends it; the terminal is restored either way.
    /// Returns the last state (the wiring may save parameters from it).
    @discardableResult
    public func run() async throws(TerminalStartError) -> AppState {
        let terminal = CursesTerminal(options: terminalOptions)
        let watcher = try InputWatcher()
        var state = self.state
        state.size = try await terminal.start()
        previews.useTerminalColors(await terminal.paletteSize)
        TerminalGuard.install(wakeFD: watcher.wakeWrite)

        let inbox = EventInbox<Event>()
        watcher.start { inbox.post(.input($0)) }
        let jobsTask = Task { [jobs] in
            for await rows in jobs.jobUpdates() { inbox.post(.action(.jobsChanged(rows))) }
        }
        var ticker: Task<Void, Never>?
        let previewLanes = PreviewLanes(provider: previews) { inbox.post(.action($0)) }
        let perform = { @Sendable (effect: Effect) in
            _ = Task { await self.perform(effect, terminal: terminal, results: inbox) }
        }

        var initial = state.initialEffects
        // The first size may differ from the state's: the previews' boxes follow the real one.
        initial += update(&state, .resize(state.size))
        for effect in initial {
            if case .loadPreview(let slot, let key) = effect { previewLanes.load(slot, key) } else { _ = perform(effect) }
        }
        await terminal.draw(render(state, size: state.size))

        // Everything waiting is applied before one draw: a burst costs one frame, not one each.
        loop: while true {
            var listedFolder = false
            for event in await inbox.next() {
                var actions: [Action] = []
                switch event {
                case .action(let action): actions = [action]
                case .input(.inputReady):
                    actions = await terminal.readPendingInput()
                    watcher.resume()
                case .input(.resized): actions = [.resize(await terminal.resizeFromKernel())]
                case .input(.terminate): break loop
                }
                // Actions may add actions: a preview already in the cache is shown in this frame,
                // so moving through files seen before never flashes "loading".
                var index = 0
                while index < actions.count {
                    let action = actions[index]
                    index += 1
                    if case .directoryListed = action { listedFolder = true }
                    for effect in update(&state, action) {
                        switch effect {
                        case .quit: break
                        case .copyToClipboard(let text): await terminal.copyToClipboard(text)
                        case .setMouse(let on): await terminal.setMouse(on)
                        case .loadPreview(let slot, let key):
                            if let outcome = previews.cached(slot, key) {
                                previewLanes.cancel(slot)
                                actions.append(.previewLoaded(slot, key, outcome))
                            } else {
                                previewLanes.load(slot, key)
                            }
                        case .cancelPreview(let slot): previewLanes.cancel(slot)
                        default: _ = perform(effect)
                        }
                    }
                }
                if state.hasQuit { break loop }
            }
            // Tick only while jobs run, so an idle UI uses no CPU.
            if state.needsTicks && ticker == nil {
                ticker = Task {
                    while !Task.isCancelled {
                        try? await Task.sleep(nanoseconds: 100_000_000)
                        inbox.post(.action(.tick(Date())))
                    }
                }
            } else if !state.needsTicks, let running = ticker {
                running.cancel()
                ticker = nil
            }
            await terminal.draw(render(state, size: state.size))
            // The previous folder's entries were freed: give the memory back, not keep it.
            if listedFolder { HeapTuning.trim() }
        }
        ticker?.cancel()
        previewLanes.stop()
        jobsTask.cancel()
        watcher.stop()
        await terminal.stop()
        TerminalGuard.uninstall()
        return state
    }

    /// Runs one effect off the loop and feeds its result back as actions.
    private func perform(_ effect: Effect, terminal: CursesTerminal, results: EventInbox<Event>) async {
        func report(_ error: any Error) {
            results.post(.action(.message(String(describing: error), isError: true)))
        }
        switch effect {
        case .listDirectory(let path, let request):
            var listing = await fileSystem.list(path)
            listing.request = request
            results.post(.action(.directoryListed(listing)))
        case .inspectImages(let paths):
            // Posted together, so the loop applies the whole batch before drawing once.
            results.post(await fileSystem.inspect(paths).map { .action(.imageInspected($0, $1)) })
        case .submit(let submissions):
            do { try await jobs.submit(submissions) } catch { report(error) }
        case .cancelJob(let id):
            do { try await jobs.cancel(id) } catch { report(error) }
        case .retryJob(let id):
            do { try await jobs.retry(id) } catch { report(error) }
        case .resubmitJob(let id):
            do { try await jobs.resubmit(id) } catch { report(error) }
        case .loadPreview, .cancelPreview:
            break  // the loop hands these to the preview lanes, in order
        case .open(let target):
            if let problem = opener.open(target) { results.post(.action(.message(problem, isError: true))) }
        case .copyToClipboard(let text):
            await terminal.copyToClipboard(text)
        case .setMouse(let on):
            await terminal.setMouse(on)
        case .quit:
            break
        }
    }
}
