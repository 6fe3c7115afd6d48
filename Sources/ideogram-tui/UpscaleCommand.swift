import ArgumentParser
import Foundation
import HeadlessCommands
import IdeogramKit

struct UpscaleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upscale",
        abstract: "Upscale image files through the job queue and save every result with a JSON sidecar.",
        // One line per paragraph: swift-argument-parser wraps each at the terminal's width.
        discussion: """
            Every file and option is checked before anything is sent. The files go through the job queue \
            (--concurrency at once; 429, 5xx and failures before sending are retried), and every job is recorded \
            in the history (see `ideogram-tui history`). Results are downloaded at once (their URLs expire) into \
            --out, named <file>-upscaled-<seed>.<ext>, each with a JSON sidecar named <result file>.json.

            A file already upscaled with the same request and a fixed --seed is not sent again: the earlier \
            result is shown (--force sends it anyway). This check is for --model legacy only: a v2 job is a new \
            generation each time, and --force with a v2 model is refused.

            Money: a v2 job is quoted (free) before it is sent, and the quote is recorded. With --max-spend USD or \
            config.toml's max_spend_usd_per_day, a job is sent only if today's spending (local day: billed, plus \
            the quote of what was sent and may have been billed) and its own price stay within the cap; legacy \
            jobs count at legacy_price_usd per image (default 0.06, an estimate). A job that would pass the cap is \
            held: nothing is sent, it is reported as held with the figures (JSON status held_by_cap and \
            spending_hold), stays queued for --resume, and the run exits 11. `ideogram-tui history --spend` shows \
            what was spent.

            Ctrl-C stops sending: nothing new is sent, and the requests already sent (paid for) are waited for \
            and their results saved; the files not sent are reported as pending. Ctrl-C again abandons the \
            requests still in flight: they are recorded as outcome unknown (they may have been billed) and never \
            sent again. SIGTERM stops at once, as a second Ctrl-C does. Files left queued (by Ctrl-C, SIGTERM, \
            401/403 or 402) are sent by a later `ideogram-tui upscale --resume`; an interrupted download is \
            finished by any later run.

            On a terminal, progress per job and a summary go to stderr. Piped, one tab-separated line per result \
            on stdout, with the fields ok|withheld|failed|duplicate|pending|held, source, saved file or message, \
            resolution, seed and url (a file with no result gets one line with "-" in the last three fields).

            With --json, one JSON object per source file, one per line, in the schema `history --json` uses: \
            job_id, source, status (the job's state, or refused), duplicate, error, error_category, \
            may_have_been_billed, request, endpoint, dialect, attempts, submitted_at, updated_at, model, generation_id, \
            quote_usd_micros, billed_usd_micros, billed_is_estimate, spending_hold, results (index, \
            seed, resolution, prompt, url, outcome, file, sidecar, bytes, error). See docs/json-output.md.

            --base-url, --dialect, --out, --concurrency, --max-upload-mb and --history win over their environment \
            variables and config.toml, as in the UI. config.toml is $XDG_CONFIG_HOME/ideogram-tui/config.toml \
            (XDG_CONFIG_HOME defaults to ~/.config), or the file --config names. The key comes from \
            IDEOGRAM_API_KEY, else the key file: config.toml's key_file, by default \
            $XDG_CONFIG_HOME/ideogram-tui/key (mode 600).

            --model chooses the legacy endpoint (the default, with --resemblance, --detail, --magic-prompt and \
            --num-images) or a v2 model, which takes only its own fields (each option's help names the models that take \
            it): a field the model does not take is refused before anything is sent. A v2 job is sent once, then \
            polled until its generation completes or fails. --quote asks the price of every file \
            (free) and sends nothing billable.

            Exit codes (with several files, that of the first file that failed; an interrupted run exits 130, \
            or 143 for SIGTERM):
            \(ExitStatus.helpTable(width: HelpWidth.current))
            """
    )

    @Argument(help: ArgumentHelp("PNG, JPEG or WEBP files.", valueName: "file"))
    var files: [String] = UpscaleOptions.defaults.files

    // The `image_request` fields, checked by `UpscaleRequest` itself. Numbers are parsed
    // `.unconditional`ly so that `--seed -1` is read as a value (and refused with the allowed
    // range), not as an unknown option.

    @Option(help: "Text to guide the upscale.")
    var prompt: String?

    @Option(help: ArgumentHelp("legacy (the default: the legacy endpoint and options) or a v2 model: \(UpscaleModel.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "model"))
    var model: String = UpscaleOptions.defaults.model.description

    @Option(parsing: .unconditional, help: "Legacy: how closely to keep to the source, 1 to 100 (default 50).")
    var resemblance: Int?

    @Option(parsing: .unconditional, help: "Legacy: how much detail to add, 1 to 100 (default 50).")
    var detail: Int?

    @Option(help: "Legacy: let the service rewrite the prompt: auto (default), on or off.")
    var magicPrompt: MagicPromptOption?

    @Option(help: ArgumentHelp("Legacy: magic prompt version, e.g. V_0 (only with auto or on).", valueName: "version"))
    var magicPromptVersion: String?

    @Option(parsing: .unconditional, help: "A fixed seed, 0 to 2147483647 (default: random).")
    var seed: Int?

    @Option(parsing: .unconditional, help: "Legacy: images per source file, 1 to 8 (default 1); each is billed.")
    var numImages: Int?

    @OptionGroup var v2: ModelFieldOptions

    // Where to send requests, and how.

    @OptionGroup var service: ServiceOptions

    @Option(parsing: .unconditional, help: ArgumentHelp("Seconds to wait for a whole answer; upscales can take over a minute.", valueName: "seconds"))
    var timeout: Int = UpscaleOptions.defaults.timeout

    @Option(help: ArgumentHelp("Folder for results (env IDEOGRAM_OUTPUT_DIR, config output_dir). Default: $XDG_PICTURES_DIR/ideogram-tui, ~/Pictures/ideogram-tui, or $XDG_DATA_HOME/ideogram-tui/results.", valueName: "dir"))
    var out: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Refuse files above this size in MB (config max_upload_mb). Default: 10, the official limit.", valueName: "mb"))
    var maxUploadMb: Double?

    @Option(parsing: .unconditional, help: "Requests in flight at once, 1 to 10, never more than 10 images counting --num-images (config concurrency). Default: 4.")
    var concurrency: Int?

    @Option(parsing: .unconditional, help: "Attempts per file for 429, 5xx and failures before the request was sent, 1 to 20 (1: no retries).")
    var maxAttempts: Int = UpscaleOptions.defaults.maxAttempts

    @Flag(help: "Send the jobs an interrupted run left queued (with this --base-url and --dialect) and finish its downloads.")
    var resume = UpscaleOptions.defaults.resume

    @Flag(help: "Legacy: send a file even if it was already upscaled with the same request and fixed seed (refused with a v2 model).")
    var force = UpscaleOptions.defaults.force

    @Flag(help: "v2 models: print the price of every file and the total, and send nothing billable.")
    var quote = UpscaleOptions.defaults.quote

    @Option(parsing: .unconditional, help: ArgumentHelp("Daily spending cap in dollars (config max_spend_usd_per_day): a job that would take today's spending past it is held, not sent (exit 11).", valueName: "usd"))
    var maxSpend: Double?

    @Flag(help: "Print one JSON object per source file.")
    var json = UpscaleOptions.defaults.json

    @Flag(help: "Print the result URLs without saving the images (they expire within the hour).")
    var noDownload = UpscaleOptions.defaults.noDownload

    @OptionGroup var storage: StorageOptions

    func validate() throws {
        guard ModelOption(model) != nil else {
            throw ValidationError("--model \(model) is not a model: use \(ModelOption.allNames.joined(separator: ", "))")
        }
        guard options.isComplete else { throw ValidationError("give at least one image file (or --resume)") }
    }

    var options: UpscaleOptions {
        var options = UpscaleOptions()
        options.files = files
        options.prompt = prompt
        options.resemblance = resemblance ?? options.resemblance
        options.detail = detail ?? options.detail
        options.magicPrompt = magicPrompt ?? options.magicPrompt
        options.magicPromptVersion = magicPromptVersion
        options.seed = seed
        options.numImages = numImages ?? options.numImages
        options.model = ModelOption(model) ?? .legacy
        options.fields = v2.fields
        options.quote = quote
        options.maxSpend = maxSpend
        let given: [(String, Bool)] = [("--resemblance", resemblance != nil), ("--detail", detail != nil), ("--magic-prompt", magicPrompt != nil),
                                       ("--magic-prompt-version", magicPromptVersion != nil), ("--num-images", numImages != nil)]
        options.legacyOptionsGiven = given.filter(\.1).map(\.0)
        options.timeout = timeout
        options.maxAttempts = maxAttempts
        options.resume = resume
        options.force = force
        options.json = json
        options.noDownload = noDownload
        options.baseURL = service.baseURL
        options.dialect = service.dialect
        options.out = out
        options.maxUploadMb = maxUploadMb
        options.concurrency = concurrency
        options.historyPath = storage.history
        options.configPath = storage.config
        return options
    }

    func run() async throws {
        let status = await options.run(environment: ProcessInfo.processInfo.environment)
        if status != .success { throw status.exitCode }
    }
}
