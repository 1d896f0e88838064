// "Copy link": progressive enhancement of a read-only field; without
// JavaScript the field can still be selected and copied by hand.
document.querySelectorAll("button[data-copy]").forEach(function (b) {
  var field = document.getElementById(b.dataset.copy);
  if (!field || !navigator.clipboard) return;
  b.hidden = false;
  b.addEventListener("click", function () {
    navigator.clipboard.writeText(field.value).then(function () {
      var t = b.textContent;
      b.textContent = b.dataset.copied;
      setTimeout(function () { b.textContent = t; }, 2000);
    });
  });
});
