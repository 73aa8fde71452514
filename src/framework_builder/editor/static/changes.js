/* The changes page: shows `diff --base HEAD` and commits the changes on a new branch. */
(function () {
  "use strict";
  var changes = document.getElementById("changes");
  var result = document.getElementById("result");
  function show() {
    fetch("api/changes").then(function (r) { return r.json(); })
      .then(function (answer) { changes.textContent = answer.text || answer.error; });
  }
  document.getElementById("commit").addEventListener("click", function () {
    fetch("api/commit", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" })
      .then(function (r) { return r.json(); })
      .then(function (answer) {
        result.textContent = answer.error ? answer.error :
          "Committed on branch " + answer.branch + ". Push it with: git push -u origin " + answer.branch;
        show();
      });
  });
  show();
})();
