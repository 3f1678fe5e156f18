// mkdocs-material 9.8.2 partials/javascripts/base.html (MIT licence, Martin Donath), moved from an
// inline <script> into a file so that the Content-Security-Policy needs no 'unsafe-inline'.
// The scope Material templated into the script comes from the tag's data-md-scope attribute.
__md_scope=new URL(document.currentScript.dataset.mdScope,location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
