import Foundation

extension FakeBackend {
    /// The whole upscale for a caller in this process: checks the credential, then as
    /// `process`, and records the request with its status.
    public func upscale(_ upload: UpscaleUpload, credential: String, dialect: UpscaleDialect) async -> UpscaleOutcome {
        var received = ReceivedUpscale(dialect: dialect.rawValue, receivedAt: Date())
        received.filename = upload.filename
        received.contentType = upload.contentType
        received.imageBytes = upload.image.readableBytes
        received.imageRequestJSON = upload.imageRequestJSON
        let outcome: UpscaleOutcome
        do {
            try checkCredential(credential, dialect: dialect)
            outcome = await process(upload)
        } catch {
            outcome = .refused(error)
        }
        received.note(outcome)
        record(received)
        return outcome
    }

    /// 401 for an empty credential, 403 for one not accepted. Messages never repeat the key.
    package func checkCredential(_ credential: String, dialect: UpscaleDialect) throws(RequestRejection) {
        guard !credential.isEmpty else { throw RequestRejection(status: 401, message: "the credential is empty") }
        if let acceptedKeys = configuration.acceptedKeys, !acceptedKeys.contains(credential) {
            let what = dialect == .aggregator ? "Bearer token" : "Api-Key"
            throw RequestRejection(status: 403, message: "the \(what) is not accepted: it is unknown or not authorised")
        }
    }

    /// Checks an upload as strictly as the real service, applies any fault, waits out the
    /// latency under the in-flight limit and issues the results. Does not record it.
    package func process(_ upload: UpscaleUpload) async -> UpscaleOutcome {
        let parameters: UpscaleParameters
        let source: SniffedImage
        do {
            parameters = try UpscaleParameters(imageRequestJSON: upload.imageRequestJSON)
            source = try ImageFormatSniffer.sniff(upload.image)
            try upload.checkImageHeaders(against: source)
        } catch {
            return .refused(error)
        }

        let fault = nextFault()
        if let fault, let refusal = fault.refusal { return refusal }
        guard reserveInFlight(parameters.numImages) else {
            return .refused(RequestRejection(
                status: 429, message: "Too many images in flight: the limit is \(configuration.maxImagesInFlight) images at once",
                rejectReason: "inflight_limit"))
        }
        defer { releaseInFlight(parameters.numImages) }
        if case .delay(let extra)? = fault { try? await Task.sleep(for: extra) }
        let latency = upscaleLatency()
        if latency > .zero { try? await Task.sleep(for: latency) }

        let entries = ResultIssuer(backend: self).entries(
            for: parameters, source: source, sourceBytes: upload.image, withheld: fault == .unsafeImage)
        let body = UpscaleAnswerBody(created: Timestamp.iso8601WithMilliseconds(Date()), data: entries)
        switch fault {
        case .malformedBody?: return .answered(body, delivery: .truncated)
        case .closeMidAnswer?: return .answered(body, delivery: .closedMidAnswer)
        default: return .answered(body, delivery: .whole)
        }
    }
}
