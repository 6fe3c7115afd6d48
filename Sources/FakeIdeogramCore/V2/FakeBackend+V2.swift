import Foundation
import NIOCore

/// The current API (`upscale-v2-api.md`): upscales with a model, free quotes, generations
/// that stay pending for `generationDuration` and then complete or fail, and their polls.
extension FakeBackend {
    /// A v2 upscale for a caller in this process: checks the Api-Key, then as `processV2`.
    public func upscaleV2(model: String, upload: V2Upload, dryRun: Bool, credential: String) async -> V2Outcome {
        do {
            try checkCredential(credential, dialect: .official)
        } catch {
            logV2(ReceivedV2Call(kind: dryRun ? .quote : .upscale, model: model, imageBytes: upload.image.readableBytes,
                                 status: error.status))
            return .refused(error)
        }
        return await processV2(model: model, upload: upload, dryRun: dryRun)
    }

    /// A poll for a caller in this process: checks the Api-Key, then as `processPoll`.
    public func pollGeneration(id: String, credential: String) -> PollOutcome {
        do {
            try checkCredential(credential, dialect: .official)
        } catch {
            logV2(ReceivedV2Call(kind: .poll, status: error.status, generationID: id))
            return .refused(error)
        }
        return processPoll(id: id)
    }

    /// Checks the upload, then quotes it or starts a generation; logs the call.
    package func processV2(model modelName: String, upload: V2Upload, dryRun: Bool) async -> V2Outcome {
        var call = ReceivedV2Call(kind: dryRun ? .quote : .upscale, model: modelName,
                                  fields: Dictionary(upload.fields.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first }),
                                  imageBytes: upload.image.readableBytes, filename: upload.filename)
        let outcome = await answerV2(model: modelName, upload: upload, dryRun: dryRun, generationID: &call.generationID)
        call.status = outcome.status
        logV2(call)
        return outcome
    }

    private func answerV2(model modelName: String, upload: V2Upload, dryRun: Bool, generationID: inout String?) async -> V2Outcome {
        let parameters: V2Parameters
        let output: ResultResolution
        do throws(RequestRejection) {
            guard let model = V2Model(rawValue: modelName) else {
                throw RequestRejection(status: 404, message: "there is no upscale model \(modelName.prefix(60)); the models are "
                                       + V2Model.allCases.map(\.rawValue).joined(separator: ", "))
            }
            parameters = try V2Parameters(model: model, parts: upload.fields)
            let source = try ImageFormatSniffer.sniff(upload.image, partName: "image")
            try upload.imageHeaders.checkImageHeaders(against: source, partName: "image")
            output = try parameters.outputSize(sourceWidth: source.width, sourceHeight: source.height)
        } catch {
            return .refused(error)
        }
        let price = V2Pricing.quote(parameters, output: output)
        if dryRun { return .quoted(price) }

        let fault = nextFault()
        if let fault, fault.startsGeneration == false, let refusal = fault.refusal {
            switch refusal {
            case .refused(let rejection): return .refused(rejection)
            case .plainTextError(let status, let text): return .plainTextError(status: status, text: text)
            case .answered: break
            }
        }
        let limit = configuration.maxImagesInFlight
        guard let generation = ledger.admit(limit: limit - imagesInFlight, now: Date(), make: {
            newGeneration(parameters, output: output, price: price.usdMicros, fault: fault, source: upload.image)
        }) else {
            return .refused(RequestRejection(
                status: 429, message: "Too many images in flight: the limit is \(limit) images at once",
                rejectReason: "inflight_limit", maxInflightRequests: limit))
        }
        generationID = generation.id
        if case .delay(let extra)? = fault { try? await Task.sleep(for: extra) }

        var body = GenerationAnswerBody(generationID: generation.id, seed: generation.seed,
                                        width: output.width, height: output.height)
        if !parameters.isAsync {
            let wait = generation.readyAt.timeIntervalSinceNow
            if wait > 0 { try? await Task.sleep(for: .milliseconds(Int64(wait * 1000) + 1)) }
            if case .fails(let reason) = generation.ending {
                return .refused(RequestRejection(status: 500, message: "the generation failed (\(reason)); it was not billed"))
            }
            body.data = generation.entries
        }
        switch fault {
        case .malformedBody?: return .accepted(body, delivery: .truncated)
        case .closeMidAnswer?: return .accepted(body, delivery: .closedMidAnswer)
        default: return .accepted(body, delivery: .whole)
        }
    }

    /// The generation with its ending fixed now: failed by a fault, withheld by one, or
    /// completed with a result URL made from the upload.
    private func newGeneration(_ parameters: V2Parameters, output: ResultResolution, price: Int64, fault: FakeFault?,
                               source: ByteBuffer) -> FakeGeneration {
        let seed = parameters.seed ?? withRandom { Int.random(in: 0...V2Parameters.maxSeed, using: &$0) }
        let ending: FakeGeneration.Ending = switch fault {
        case .generationFailed(let reason)?: .fails(reason: reason)
        case .unsafeImage?: .completes(url: nil)
        default: .completes(url: ResultIssuer(backend: self).issue(resolution: output, seed: seed, source: source))
        }
        let created = Date()
        let duration = configuration.generationDuration.components
        let readyAt = created.addingTimeInterval(Double(duration.seconds) + Double(duration.attoseconds) / 1e18)
        return FakeGeneration(id: newImageID(length: 22), model: parameters.model, fields: parameters.fields, seed: seed,
                              resolution: output, created: created, readyAt: readyAt, ending: ending, priceMicros: price)
    }

    /// Where a generation stands: pending until its time, then completed (with the amount
    /// billed) or failed. A poll fault, queued or drawn, answers instead, as does a 429 past
    /// `maxPollsPer10Seconds`. Logs the poll.
    package func processPoll(id: String) -> PollOutcome {
        var call = ReceivedV2Call(kind: .poll, generationID: id)
        let outcome = answerPoll(id: id)
        call.status = outcome.status
        if case .answered(let body) = outcome { call.generationStatus = body.status }
        logV2(call)
        return outcome
    }

    private func answerPoll(id: String) -> PollOutcome {
        if let fault = nextPollFault() { return .refused(fault.rejection) }
        let limit = configuration.maxPollsPer10Seconds
        if let retryAfter = ledger.admitPoll(limit: limit, now: Date()) {
            return .refused(RequestRejection(status: 429, message: "Too many polls: over \(limit) polls per 10 seconds; wait and poll again",
                                             retryAfter: retryAfter))
        }
        guard let generation = ledger.poll(id) else {
            return .refused(RequestRejection(status: 404, message: "no generation \(id.prefix(40))"))
        }
        let status = generation.status(at: Date())
        var body = GenerationPollBody(generationID: generation.id, status: status,
                                      created: Timestamp.iso8601WithMilliseconds(generation.created))
        switch (status, generation.ending) {
        case ("failed", .fails(let reason)):
            body.failureReason = reason
        case ("completed", _):
            body.responseType = "url"
            body.data = generation.entries
            body.usageCostUSDMicros = generation.priceMicros
        default:
            break
        }
        return .answered(body)
    }

    // MARK: Faults and log

    /// Queues one-shot poll faults: the next polls get them, in order.
    public func enqueuePollFaults(_ faults: [PollFault]) {
        ledger.enqueue(faults)
    }

    private func nextPollFault() -> PollFault? {
        if let queued = ledger.nextQueuedPollFault() { return queued }
        return withRandom { random in
            configuration.randomPollFaults.first { $0.probability > 0 && Double.random(in: 0..<1, using: &random) < $0.probability }?.fault
        }
    }

    package func logV2(_ call: ReceivedV2Call) {
        ledger.log(call)
        logger.debug("v2 call answered", metadata: [
            "kind": "\(call.kind.rawValue)", "model": "\(call.model ?? "-")", "status": "\(call.status)",
            "generation": "\(call.generationID ?? "-")",
        ])
    }

    /// Every v2 upscale, quote and poll so far, in the order they were answered.
    public func receivedV2Calls() -> [ReceivedV2Call] {
        ledger.calls
    }

    /// Every accepted generation as it stands now, with what it billed.
    public func generationRecords() -> [GenerationRecord] {
        ledger.records(now: Date())
    }
}

private extension FakeFault {
    /// Faults a v2 upscale turns into a generation's ending rather than a refusal.
    var startsGeneration: Bool {
        if case .generationFailed = self { return true }
        return false
    }
}
