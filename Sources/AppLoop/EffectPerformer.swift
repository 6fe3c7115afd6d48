import TerminalUI

/// The one place where the core's effects touch the world: files, the job queue, the opener,
/// the terminal and the preview lanes. Results come back to the loop through `post`.
struct EffectPerformer: Sendable {
    let terminal: any AppTerminal
    let jobs: any JobControl
    let previews: any PreviewProvider
    let lanes: PreviewLanes
    let fileSystem: FileSystemEffects
    let opener: ExternalOpener
    /// The queue's calls, in the order the core asked for them.
    let queueCalls: SerialLane
    let post: @Sendable ([Action]) -> Void

    /// Performs `effect`. Terminal effects finish before it returns, so they keep their order;
    /// slow work runs off the loop. Returns actions to apply in this same frame (a preview
    /// already in the cache), so moving through files seen before never flashes "loading".
    func perform(_ effect: Effect) async -> [Action] {
        switch effect {
        case .quit:
            break
        case .copyToClipboard(let text):
            await terminal.copyToClipboard(text)
        case .setMouse(let on):
            await terminal.setMouse(on)
        case .suspend:
            // The size may have changed while stopped; a resize also lays the previews out again.
            return [.resize(await terminal.suspend())]
        case .loadPreview(let slot, let key):
            if let outcome = previews.cached(slot, key) {
                lanes.cancel(slot)
                return [.previewLoaded(slot, key, outcome)]
            }
            lanes.load(slot, key)
        case .cancelPreview(let slot):
            lanes.cancel(slot)
        case .submit, .cancelJob, .retryJob, .resubmitJob, .pauseQueue, .resumeQueue:
            queueCalls.run { await performOffLoop(effect) }
        case .finishSentWork:
            // After the calls asked for before it, but without holding up those after it (a
            // cancel while the quit waits).
            queueCalls.run { _ = Task { await performOffLoop(effect) } }
        case .listDirectory, .inspectImages, .readFileDetails, .open, .findRepeats, .loadHistory, .requestQuote:
            _ = Task { await performOffLoop(effect) }
        }
        return []
    }

    private func performOffLoop(_ effect: Effect) async {
        switch effect {
        case .listDirectory(let path, let request):
            var listing = await fileSystem.list(path)
            listing.request = request
            post([.directoryListed(listing)])
        case .inspectImages(let paths):
            // Posted together, so the loop applies the whole batch before drawing once.
            post(await fileSystem.inspect(paths).map { .imageInspected($0, $1) })
        case .readFileDetails(let request):
            post([.fileDetailsRead(await fileSystem.details(request))])
        case .submit(let submissions):
            await report { try await jobs.submit(submissions) }
        case .cancelJob(let id):
            await report { try await jobs.cancel(id) }
        case .retryJob(let id):
            await report { try await jobs.retry(id) }
        case .resubmitJob(let id):
            await report { try await jobs.resubmit(id) }
        case .findRepeats(let submissions, let check):
            post([.repeatsFound(check: check, paths: await jobs.repeats(among: submissions))])
        case .loadHistory(let cursor, let limit):
            do {
                post([.historyLoaded(try await jobs.history(olderThan: cursor, limit: limit))])
            } catch {
                // No more pages are asked for; what was loaded stays.
                post([.historyLoaded(HistoryPage(rows: [], next: nil)),
                      .message("the history could not be read: \(error)", isError: true)])
            }
        case .requestQuote(let key):
            do {
                post([.quoteAnswered(key, .quoted(try await jobs.quote(sourcePath: key.sourcePath, request: key.request)))])
            } catch {
                post([.quoteAnswered(key, .failed(String(describing: error)))])
            }
        case .finishSentWork:
            await jobs.finishSentWork()
            post([.sentWorkFinished])
        case .pauseQueue:
            await jobs.pause()
        case .resumeQueue:
            await jobs.resume()
        case .open(let target):
            switch opener.open(target) {
            case .started: break
            case .notInstalled(let program):
                // Without a desktop there is nothing to open with: the text is what the user
                // needs, so show it and put it on the clipboard.
                let text = switch target { case .url(let url): url; case .file(let path): path }
                await terminal.copyToClipboard(text)
                post([.message("no \(program) to open with; copied: \(text)", isError: false)])
            case .failed(let problem):
                post([.message(problem, isError: true)])
            }
        case .quit, .copyToClipboard, .setMouse, .suspend, .loadPreview, .cancelPreview:
            break  // performed on the loop, in order
        }
    }

    /// Runs a queue call; its error goes to the status bar.
    private func report(_ call: () async throws -> Void) async {
        do { try await call() } catch { post([.message(String(describing: error), isError: true)]) }
    }
}
