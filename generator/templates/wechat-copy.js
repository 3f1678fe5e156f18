// 公众号排版 pages: the 复制正文 button puts exactly the copy on the clipboard as HTML.
(function () {
  "use strict";
  var button = document.querySelector("[data-wechat-button]");
  var copy = document.querySelector("[data-wechat-copy] > section");
  var status = document.querySelector("[data-wechat-status]");
  if (!button || !copy || !document.execCommand) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    // Put exactly the copy on the clipboard (not the browser's rendering of a selection), and
    // select it too, so that Ctrl+C still works where the copy command is refused.
    var range = document.createRange();
    range.selectNode(copy);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    function fill(event) {
      event.clipboardData.setData("text/html", copy.outerHTML);
      event.clipboardData.setData("text/plain", copy.innerText);
      event.preventDefault();
    }
    document.addEventListener("copy", fill);
    var copied = false;
    try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
    document.removeEventListener("copy", fill);
    status.textContent = copied
      ? "已复制，请到公众号编辑器正文中粘贴。"
      : "已选中正文，请按 Ctrl+C（苹果电脑按 ⌘+C）复制。";
  });
})();
