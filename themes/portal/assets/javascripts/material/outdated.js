// mkdocs-material 9.8.2 partials/javascripts/outdated.html (MIT licence, Martin Donath), moved from an
// inline <script> into a file so that the Content-Security-Policy needs no 'unsafe-inline'.
// The base URL Material templated into the script comes from the tag's data-md-base attribute.
var el=document.querySelector("[data-md-component=outdated]"),base=new URL(document.currentScript.dataset.mdBase,location),outdated=__md_get("__outdated",sessionStorage,base);!0===outdated&&el&&(el.hidden=!1)
