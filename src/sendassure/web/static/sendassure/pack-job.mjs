// A review pack's build page follows the build without reloading: every 2 seconds it
// fetches the page again and swaps in the part that shows the progress, announcing the
// new step (politely) to screen readers, until the build has finished or failed.
// Without JavaScript the page says how far the build had got and links to itself.
const INTERVAL_MS = 2000
const GIVE_UP_MS = 20 * 60 * 1000
const started = Date.now()

const summary = part => {
  const step = part.querySelector('#pack-job-step')
  if (part.dataset.appPackJob === 'finished') {
    const status = part.dataset.appStatus
    return status === 'done' ? 'Your review pack is ready. The download links follow.'
      : 'The pack could not be built.'
  }
  return step ? step.textContent.trim() : ''
}

async function poll () {
  const current = document.getElementById('pack-job')
  if (!current || current.dataset.appPackJob !== 'running') return
  if (Date.now() - started > GIVE_UP_MS) return
  try {
    const response = await fetch(window.location.href, {
      credentials: 'same-origin', headers: { Accept: 'text/html' }, cache: 'no-store'
    })
    if (response.ok) {
      const page = new DOMParser().parseFromString(await response.text(), 'text/html')
      const fresh = page.getElementById('pack-job')
      if (fresh) {
        const before = summary(current)
        const after = summary(fresh)
        current.replaceWith(document.importNode(fresh, true))
        if (after && after !== before) {
          document.getElementById('pack-job-announce').textContent = after
        }
        if (fresh.dataset.appPackJob === 'finished') return
      }
    }
  } catch (error) {
    // a network blip: try again at the next tick
  }
  window.setTimeout(poll, INTERVAL_MS)
}

window.setTimeout(poll, INTERVAL_MS)
