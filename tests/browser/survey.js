// What one look at a page in Chromium finds, for the browser tests (tests/cli/test_pages_in_browser.py).
// Run in the page with page.evaluate: it returns plain data, and judges nothing itself.
() => {
  const describe = (el) => {
    const label = el.getAttribute("aria-label");
    const classes = [...el.classList].join(".");
    return `<${el.tagName.toLowerCase()}${classes ? "." + classes : ""}>` + (label ? ` "${label}"` : "");
  };
  const clips = (value) => ["auto", "scroll", "hidden", "clip"].includes(value);
  // Boxes whose content is wider or taller than they are, and that clip it or scroll it.
  const boxes = [];
  for (const el of document.querySelectorAll("body *")) {
    if (!(el instanceof HTMLElement)) continue;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) continue; // hidden on purpose, for screen readers
    const wider = el.scrollWidth > el.clientWidth + 1 && clips(style.overflowX);
    const taller = el.scrollHeight > el.clientHeight + 1 && clips(style.overflowY);
    if (!wider && !taller) continue;
    boxes.push({
      what: describe(el),
      overflowX: style.overflowX,
      wider,
      taller,
      tabindex: el.getAttribute("tabindex"),
      role: el.getAttribute("role"),
      label: el.getAttribute("aria-label") || el.getAttribute("aria-labelledby") || "",
    });
  }
  // What sticks out past the viewport's right edge, the widest first.
  const width = document.documentElement.clientWidth;
  const beyond = [];
  for (const el of document.querySelectorAll("body *")) {
    const right = el.getBoundingClientRect().right;
    if (right > width + 1) beyond.push([Math.round(right), describe(el)]);
  }
  beyond.sort((a, b) => b[0] - a[0]);
  const stages = [...document.querySelectorAll(".stage")].map((stage) => ({
    heading: stage.querySelector("h3")?.innerText ?? "",
    first_card: stage.querySelector(".card h4")?.innerText ?? "",
  }));
  return {
    scroll_width: document.documentElement.scrollWidth,
    width,
    boxes,
    beyond: beyond.slice(0, 5).map(([right, what]) => `${what} reaches ${right}px`),
    text: document.body.innerText,
    headings: [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")].map((h) => [
      Number(h.tagName[1]),
      h.textContent.trim(),
    ]),
    mains: document.querySelectorAll("main, [role=main]").length,
    // Marks of a state: a badge, a value off target. Each must say it in words.
    states: [...document.querySelectorAll(".badge, .off")].map((el) => [
      describe(el),
      el.textContent.trim(),
    ]),
    stages,
    tables: [...document.querySelectorAll("table")].map((table) => ({
      headers: table.rows.length ? [...table.rows[0].cells].map((cell) => cell.innerText) : [],
      right: Math.round(table.getBoundingClientRect().right),
    })),
    mermaid: [...document.querySelectorAll("pre.mermaid, div.mermaid, code.language-mermaid")].map(
      (el) => el.textContent,
    ),
  };
}
