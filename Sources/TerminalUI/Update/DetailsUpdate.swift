/// The details view's keys: other images of the job, scrolling, back to the list.
enum DetailsUpdate {
    static func perform(_ command: Command, _ state: inout AppState) {
        guard var details = state.results.details, let job = state.results.selectedJob else {
            state.results.details = nil
            return
        }
        let text = Layout(size: state.size).detailsText
        let page = max(1, text.height - 1)
        switch command {
        case .closeDetails:
            state.results.details = nil
            return
        case .previousImage, .nextImage:
            guard job.images.count > 1 else {
                state.message = StatusMessage("this job has \(job.images.isEmpty ? "no images yet" : "one image")")
                return
            }
            let step = command == .nextImage ? 1 : job.images.count - 1
            details.image = (details.image + step) % job.images.count
        case .detailsScrollUp: details.scroll -= 1
        case .detailsScrollDown: details.scroll += 1
        case .detailsPageUp: details.scroll -= page
        case .detailsPageDown: details.scroll += page
        default: break
        }
        let lineCount = DetailsView.lines(job, image: details.image, width: text.width, state: state).count
        details.scroll = DetailsView.clampedScroll(details.scroll, lineCount: lineCount, height: text.height)
        state.results.details = details
    }
}
