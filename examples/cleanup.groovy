// Products without an English name: list them. A real cleanup would then fix or remove them
// (modelService.save/remove, kept only with --commit).
def unnamed = flexibleSearchService.search("SELECT {pk} FROM {Product} WHERE {name[en]} IS NULL").result
unnamed.each { println "no name: ${it.code}" }
println "${unnamed.size()} products without a name"
return unnamed.size()
