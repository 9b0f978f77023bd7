// A long list of checkboxes (evidence requests, plan actions) gets a box that filters it as
// you type. Without JavaScript the whole list shows, so the form still works. Ticked items
// always stay visible, so a filter never hides a choice already made.
for (const wrapper of document.querySelectorAll('[data-app-filter]')) {
  const items = [...wrapper.querySelectorAll('.govuk-checkboxes__item')]
  if (items.length < 6) continue
  const id = `filter-${wrapper.dataset.appFilter}`
  const group = document.createElement('div')
  group.className = 'govuk-form-group govuk-!-margin-bottom-2'
  const legend = wrapper.querySelector('legend')
  group.innerHTML = `<label class="govuk-label govuk-label--s" for="${id}"></label>` +
    `<input class="govuk-input govuk-!-width-two-thirds" id="${id}" type="search" autocomplete="off">` +
    `<p class="govuk-body-s govuk-!-margin-top-1" aria-live="polite" id="${id}-status"></p>`
  group.querySelector('label').textContent =
    `Filter: ${legend ? legend.textContent.trim().replace(/ \(optional\)$/, '').toLowerCase() : 'list'}`
  const input = group.querySelector('input')
  const status = group.querySelector('p')
  // Enter in the filter box must not submit (and so upload) the form around it.
  input.addEventListener('keydown', event => { if (event.key === 'Enter') event.preventDefault() })
  input.addEventListener('input', () => {
    const words = input.value.toLowerCase().split(/\s+/).filter(Boolean)
    let shown = 0
    for (const item of items) {
      const text = item.textContent.toLowerCase()
      const keep = item.querySelector('input').checked || words.every(w => text.includes(w))
      item.classList.toggle('app-filter-hidden', !keep)
      shown += keep ? 1 : 0
    }
    status.textContent = words.length ? `${shown} of ${items.length} shown` : ''
  })
  const checkboxes = wrapper.querySelector('.govuk-checkboxes')
  checkboxes.parentNode.insertBefore(group, checkboxes)
}
