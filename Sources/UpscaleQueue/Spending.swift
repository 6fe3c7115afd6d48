import Foundation
import IdeogramKit

/// What one job cost, or may have cost, in millionths of a dollar: the spending cap and
/// `history --spend` count it. A legacy job's figure is an estimate (billed images times the
/// configured per-image price); a v2 job's is what the service billed, or its quote while the
/// outcome is not known yet.
public struct JobSpend: Sendable, Equatable {
    /// Billed (for a legacy job: images the service answered with, at the configured price).
    public var billedUSDMicros: Int64
    /// May have been billed: sent and not answered yet, or the answer was lost.
    public var unknownUSDMicros: Int64
    /// A legacy price estimate rather than the service's figure.
    public var isEstimate: Bool

    public var totalUSDMicros: Int64 { billedUSDMicros + unknownUSDMicros }
}

extension Job {
    /// `legacy` or the v2 model's name: how spending is grouped.
    public var modelName: String { generation?.request.model.rawValue ?? "legacy" }

    /// What sending this job will cost: its quote (v2) or the legacy estimate; nil for a v2 job
    /// not quoted yet.
    public func expectedCost(legacyPriceUSDMicros: Int64) -> Int64? {
        guard let generation else { return Int64(request.numImages) * legacyPriceUSDMicros }
        return generation.quote?.usdMicros
    }

    /// What the job cost or may have cost; nil when nothing of it can have been billed (never
    /// sent, refused, cancelled before sending).
    public func spend(legacyPriceUSDMicros: Int64) -> JobSpend? {
        let spend: JobSpend
        if let generation {
            if let billed = generation.billedUSDMicros {
                spend = JobSpend(billedUSDMicros: billed, unknownUSDMicros: 0, isEstimate: false)
            } else if mayStillBeBilled {
                spend = JobSpend(billedUSDMicros: 0, unknownUSDMicros: generation.quote?.usdMicros ?? 0, isEstimate: false)
            } else {
                return nil
            }
        } else if let images = answeredImages {
            // Answered: every image is billed, withheld ones too.
            spend = JobSpend(billedUSDMicros: Int64(images) * legacyPriceUSDMicros, unknownUSDMicros: 0, isEstimate: true)
        } else if mayStillBeBilled {
            spend = JobSpend(billedUSDMicros: 0, unknownUSDMicros: Int64(request.numImages) * legacyPriceUSDMicros, isEstimate: true)
        } else {
            return nil
        }
        return spend.totalUSDMicros == 0 && sentAt == nil ? nil : spend
    }

    /// Images of the answer, once it came (the results mirror it when the answer was not kept).
    private var answeredImages: Int? {
        answer?.images.count ?? (results.isEmpty ? nil : results.count)
    }

    /// Sent without a known outcome: in progress, or ended without an answer that settles it.
    private var mayStillBeBilled: Bool {
        state.isInProgress || state == .downloading || state.mayHaveBeenBilled
    }
}

/// Why a job waits: sending it would take today's spending past the daily cap.
public struct SpendingHold: Sendable, Equatable, CustomStringConvertible {
    /// Spent today (local day) when the job was checked: billed, or quoted while in progress.
    public var todayUSDMicros: Int64
    /// This job's quote (v2) or estimate (legacy).
    public var jobUSDMicros: Int64
    public var capUSDMicros: Int64
    /// The job's figure is the legacy price estimate.
    public var jobIsEstimate: Bool

    public init(todayUSDMicros: Int64, jobUSDMicros: Int64, capUSDMicros: Int64, jobIsEstimate: Bool) {
        self.todayUSDMicros = todayUSDMicros
        self.jobUSDMicros = jobUSDMicros
        self.capUSDMicros = capUSDMicros
        self.jobIsEstimate = jobIsEstimate
    }

    public var description: String {
        let this = jobIsEstimate ? "~\(USDMicros.text(jobUSDMicros)) (estimate)" : USDMicros.text(jobUSDMicros)
        return "held: today \(USDMicros.text(todayUSDMicros)) + this \(this) would pass the cap \(USDMicros.text(capUSDMicros)); "
            + "raise it with --max-spend or max_spend_usd_per_day"
    }
}

/// Today's spending as the queue counts it for the cap, for a screen to show.
public struct SpendingSnapshot: Sendable, Equatable {
    /// Billed today, plus what may have been billed (quoted or estimated, in progress or unknown).
    public var todayUSDMicros: Int64
    /// The part of `todayUSDMicros` that is the legacy per-image estimate.
    public var legacyEstimateUSDMicros: Int64
    /// The daily cap; nil when none is set.
    public var capUSDMicros: Int64?

    public init(todayUSDMicros: Int64, legacyEstimateUSDMicros: Int64, capUSDMicros: Int64?) {
        self.todayUSDMicros = todayUSDMicros
        self.legacyEstimateUSDMicros = legacyEstimateUSDMicros
        self.capUSDMicros = capUSDMicros
    }
}
