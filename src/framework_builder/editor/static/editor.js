/* Starts Decap CMS with the configuration framework-builder generated from its models.
   Loaded before decap-cms.js: CMS_MANUAL_INIT keeps Decap from looking for a config.yml. */
window.CMS_MANUAL_INIT = true;
window.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var body = document.body;
  var previewUrl = body.getAttribute("data-preview");

  /* Local editor: entries travel as JSON; the server reads and writes the YAML in the project's style. */
  CMS.registerCustomFormat("framework-yaml", "yml", {
    fromFile: function (text) { return JSON.parse(text); },
    toFile: function (data) { return JSON.stringify(data); }
  });

  /* The preview pane: the page residents will see, rendered by the site's own templates on the server. */
  var Preview = createClass({
    getInitialState: function () { return { html: "", error: "" }; },
    componentDidMount: function () { this.load(); },
    componentDidUpdate: function (previous) { if (previous.entry !== this.props.entry) { this.load(); } },
    componentWillUnmount: function () { clearTimeout(this.timer); },
    load: function () {
      var self = this;
      clearTimeout(this.timer);
      this.timer = setTimeout(function () {
        var entry = self.props.entry;
        fetch(previewUrl, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ path: entry.get("path"), data: JSON.stringify(entry.get("data").toJS()) })
        }).then(function (response) { return response.json(); })
          .then(function (answer) { self.setState({ html: answer.html || "", error: answer.html ? "" : (answer.error || "") }); });
      }, 300);
    },
    /* The page is the site's own rendering (its community text escaped by the templates); an error is
       plain text, which may repeat what the form sent, so React writes it as text. */
    render: function () {
      if (this.state.error) { return h("article", { className: "md-typeset" }, h("pre", null, this.state.error)); }
      return h("article", { className: "md-typeset", dangerouslySetInnerHTML: { __html: this.state.html } });
    }
  });

  fetch(body.getAttribute("data-config"))
    .then(function (response) { return response.json(); })
    .then(function (config) {
      if (previewUrl) {
        CMS.registerPreviewStyle("theme.css");
        config.collections.forEach(function (collection) { CMS.registerPreviewTemplate(collection.name, Preview); });
      }
      CMS.init({ config: config });
    });
});
