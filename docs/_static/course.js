// The course site: keep wide figures readable on a desktop screen (docs/conf.py adds this file).
//
// A notebook figure drawn wider than the text column is scaled down to fit it, and its
// labels shrink with it. course.css shows such a figure, on a screen at least 992 px wide,
// at no less than 70 % of its natural width (its output box then scrolls sideways); it needs
// each figure's natural width, which this script gives it as the CSS variable
// --natural-width. A click on a figure opens it at full size.
//
// On a phone, a table of three or more columns (the syllabus, the glossary) does not fit:
// course.css stacks each row's cells, and each cell is labelled with its column's heading,
// which this script copies into data-label.
(function () {
  "use strict";

  function measure(img) {
    if (img.naturalWidth) {
      img.style.setProperty("--natural-width", img.naturalWidth + "px");
    }
  }

  function labelCells(table) {
    const headings = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
    if (headings.length < 3) return;
    table.classList.add("course-stackable");
    table.querySelectorAll("tbody tr").forEach(function (row) {
      [...row.children].forEach(function (cell, index) {
        if (headings[index]) cell.dataset.label = headings[index];
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("article table.table").forEach(labelCells);
    document.querySelectorAll("div.cell_output img").forEach(function (img) {
      if (img.complete) measure(img);
      else img.addEventListener("load", function () { measure(img); });
      if (!img.closest("a")) {
        img.classList.add("course-figure");
        img.title = "Open the figure at full size";
        img.addEventListener("click", function () { window.open(img.currentSrc || img.src); });
      }
    });
  });
})();
